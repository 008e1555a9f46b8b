#!/usr/bin/env bash
# Whole-JVM measurements against a no-agent baseline in the same run: start-up, per-call latency,
# retained heap, heap growth over 100,000 calls. Usage: benchmarks/whole-jvm.sh [startupRuns] [growthCalls]
# (growthCalls 0: start-up only)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -q -B -ntp -pl benchmarks/jvm -am package -DskipTests
fi
cp="$root/benchmarks/jvm/target/classes:$(cat "$root/benchmarks/jvm/target/classpath.txt")"
java -cp "$cp" dev.cordon.bench.jvm.WholeJvmBench "$root/agent/target/cordon-agent.jar" "$cp" "$@"
