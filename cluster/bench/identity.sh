# ./platform bench identity (sourced by ./platform): see cluster/src/test/java/.../bench/IdentityBench.java.
bench_java org.agentplatform.cluster.bench.IdentityBench
