"""`planner sync`: two-way sync of the plan with a CalDAV task list (a phone's to-dos).

- items.py: a tactic or strategy, and a VTODO, in one vocabulary (`Item`);
- reconcile.py: the three-way decision for one to-do (pure);
- rule.py: who wins a conflict (the later change, as `planner merge`);
- server.py: the server through the `caldav` library, every write conditional;
- plan_side.py: the plan's changes in one journaled transaction;
- state.py: what this machine last saw, in ``plan.json.sync.json``;
- password.py: the password from a command or the system keyring;
- run.py: `sync`, in the order that makes an interrupted sync safe to repeat.
"""
