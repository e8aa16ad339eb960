"""The Progress page: charts of sets, reps and bands over time."""
