#!/usr/bin/env bash
# Builds Cordon and runs every test: unit tests, property tests, and the integration tests that
# start real applications in child JVMs with the real agent jar against local fake providers.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp verify "$@"
