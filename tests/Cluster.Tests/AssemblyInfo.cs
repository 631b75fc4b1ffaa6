// Each test runs three daemons on a 2-core machine: one test at a time keeps the failure detectors honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
