#!/usr/bin/env bash
# Precision and recall per redaction type over the generated, labelled corpus.
#   redaction/accuracy.sh [samples] [seed]        (defaults: 10000 samples, seed 42)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -o -pl redaction test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/accuracy.classpath >/dev/null
java -cp "redaction/target/classes:redaction/target/test-classes:$(cat redaction/target/accuracy.classpath)" \
  dev.cordon.redact.corpus.AccuracyReport "$@"
