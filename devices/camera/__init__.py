"""The camera: a real OpenCV driver, a simulated twin, and the in-memory image checks.

Frames never leave memory: nothing in this package writes an image, a video
or a crop anywhere, and nothing here recognises or identifies a person.
"""
