# ./platform bench modelgateway (sourced by ./platform): see cluster/src/test/java/.../bench/ModelGatewayBench.java.
bench_java org.agentplatform.cluster.bench.ModelGatewayBench
