"""Turns device configuration into device instances: the core's device factories.

:data:`FACTORIES` is what the composition root installs in the core
(:func:`app.ports.install_devices`).

The drivers' third-party libraries (pyserial, OpenCV, pyttsx3) are imported
only here, lazily, and only for the kind the configuration asks for: a box
without a camera never loads OpenCV's camera code.
"""

from __future__ import annotations

from pathlib import Path

from app.config import CameraConfig, PrinterConfig, SpeechConfig
from app.ports import Camera, CodeReader, DeviceFactories, PresenceDetector, Printer, Speech


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


#: the factories the composition root installs in the core
FACTORIES = DeviceFactories(
    make_printer=make_printer,
    make_speech=make_speech,
    make_camera=make_camera,
    make_presence_detector=make_presence_detector,
    make_code_reader=make_code_reader,
)
