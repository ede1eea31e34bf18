// Hosts started in this process share meter names (the OpenTelemetry SDK selects meters by name), so
// collections run one at a time, and a test that needs a host of its own does not run beside a
// fixture's host of the same kind: a metrics test then counts only its own host's requests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
