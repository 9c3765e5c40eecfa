"""Streamlit glue shared by the pages: cached data, the error page, the sidebar. Domain logic lives in `veta`."""
