"""An evaluation suite for the wait estimates, independent of the project's own simulator.

The halls here are simulated on Ciw, a queueing-network library from PyPI,
with behaviours the project's simulator (``app/sim``, on SimPy) was not
written to have: several calling rules, counters that open late, stay away
all day or serve on after hours, surge days, citizens who give up (known
only when their number is called), trainees and slower priority service.
The suite is used only to report how the estimates do on halls they were
not shaped on; nothing in the product is tuned on it.
"""
