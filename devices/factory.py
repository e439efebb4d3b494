"""Turns device configuration into device instances.

The drivers' third-party libraries (pyserial, OpenCV, pyttsx3) are imported
only here, lazily, and only for the kind the configuration asks for: a box
without a camera never loads OpenCV's camera code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.config import CameraConfig, PrinterConfig, SpeechConfig
from devices.base import Camera, Printer, Speech

if TYPE_CHECKING:
    from app.presence import CodeReader, PresenceDetector


def make_printer(config: PrinterConfig, base_dir: Path) -> Printer | None:
    """The configured printer, or None when the kiosk has none."""
    if config.kind == "none":
        return None
    if config.kind == "simulated":
        from devices.printer.simulated import SimulatedPrinter

        return SimulatedPrinter.from_config(config, base_dir)
    from devices.printer.serial_printer import SerialPrinter

    return SerialPrinter.from_config(config, base_dir)


def make_speech(config: SpeechConfig, base_dir: Path) -> Speech | None:
    """The configured speech engine, or None when the kiosk is silent."""
    if config.kind == "none":
        return None
    if config.kind == "simulated":
        from devices.speech.simulated import SimulatedSpeech

        return SimulatedSpeech.from_config(config, base_dir)
    from devices.speech.pyttsx3_speech import Pyttsx3Speech

    return Pyttsx3Speech.from_config(config, base_dir)


def make_camera(config: CameraConfig, base_dir: Path) -> Camera | None:
    """The configured camera, or None when it is off (the default)."""
    if config.kind == "none":
        return None
    if config.kind == "simulated":
        from devices.camera.simulated import SimulatedCamera

        return SimulatedCamera.from_config(config, base_dir)
    from devices.camera.opencv_camera import OpenCVCamera

    return OpenCVCamera.from_config(config, base_dir)


def make_presence_detector() -> PresenceDetector:
    """The in-memory presence detector for camera frames (OpenCV)."""
    from devices.camera.vision import SilhouetteDetector

    return SilhouetteDetector()


def make_code_reader() -> CodeReader:
    """The QR code reader for camera frames (OpenCV)."""
    from devices.camera.vision import QrCodeReader

    return QrCodeReader()
