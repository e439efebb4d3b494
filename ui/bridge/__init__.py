"""Python objects that expose the core to QML."""
