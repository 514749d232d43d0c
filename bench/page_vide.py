"""The floor of a first visit: a one-line Streamlit page, served like the dashboard
(`python -m bench.first_visit`)."""

import streamlit as st

st.title("Observatoire")
