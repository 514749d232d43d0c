import streamlit as st

st.title("Délais et pression")
