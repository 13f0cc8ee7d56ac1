#!/usr/bin/env bash
# Installs the Debian packages the demo programs and the tests use (busybox-static for the image demo's base image;
# registry, image tools, AWS CLI v2, Docker engine as real peers for the tests; runc, umoci and iproute2 for the local
# cloud's container runner),
# when any is missing. Idempotent; takes about 25 s on a fresh machine, nothing when all are present.
set -euo pipefail
need=()
command -v skopeo >/dev/null || need+=(skopeo)
command -v docker-registry >/dev/null || need+=(docker-registry)
command -v buildah >/dev/null || need+=(buildah)
command -v umoci >/dev/null || need+=(umoci)
command -v runc >/dev/null || need+=(runc)
[ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q static || need+=(busybox-static)
[ -x /usr/bin/aws ] || need+=(awscli)
command -v htpasswd >/dev/null || need+=(apache2-utils)
command -v dockerd >/dev/null || need+=(docker.io)
command -v file >/dev/null || need+=(file)
command -v ip >/dev/null || need+=(iproute2)
# kubectl 1.32 (the Kubernetes API tests' client) comes with the machine: Debian only has kubernetes-client 1.20.
command -v kubectl >/dev/null || { echo "kubectl is missing: install kubectl 1.32 (https://kubernetes.io/releases/download/ or the kubectl package of Google's apt repository)" >&2; exit 1; }
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${need[*]}. Run: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "Installing: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
