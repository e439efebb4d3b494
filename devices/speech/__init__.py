"""Speech drivers: pyttsx3 with espeak-ng, and a simulated twin."""
