"""Figure builders: plotly charts and folium maps drawn from (masked) frames.

Nothing here imports Streamlit: the pages (through dashboard/ui/) and the annual report
(dashboard/report/) draw the same figures from the same builders."""
