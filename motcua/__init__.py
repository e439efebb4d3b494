"""The launcher: the ``motcua`` console command joins the core's commands and the screens."""
