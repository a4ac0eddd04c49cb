"""The trainer's course cycle on nbgrader: create a course for a group, add learners, release,
read in submissions, autograde in parallel and isolated, grade reflections against their
rubric, give feedback, export and report, erase a learner. `draaiboek cursus ...` is the
command; each step lives in the module named after it."""
