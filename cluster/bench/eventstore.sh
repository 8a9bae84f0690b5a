# ./platform bench eventstore (sourced by ./platform): see cluster/src/test/java/.../bench/EventStoreBench.java.
bench_java org.agentplatform.cluster.bench.EventStoreBench
