// Each test class starts real silos, web hosts or browsers; on a 2-core machine they run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
