"""The edge: front-end cache purging, media and document serving."""
