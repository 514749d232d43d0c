"""Streamlit-side helpers shared by the pages: data access, filters, layout, charts."""
