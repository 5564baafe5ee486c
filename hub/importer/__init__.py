"""Importing the network's old Jekyll sites (civictech.se, digidemlab.org) into the hub.

Deliberately empty: `hub.importer.models` is imported by `hub.models`, so this package
must not import anything that needs the app registry. Use `hub.importer.run` instead.
"""
