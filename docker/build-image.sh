#!/bin/sh
# Builds the image aml-aks-emulator:local from the packaged jar, with no network and no registry.
#
#   mvn -q -DskipTests package && docker/build-image.sh
#
# With BASE_IMAGE unset it first makes a local JRE base (jlink from this machine's JDK 17, imported
# with `docker import`; about 70 MB, no shell) unless that base exists already. With BASE_IMAGE set
# (eclipse-temurin:17-jre, or any JRE 17+ image you have locally) it builds on that instead.
#
# Settings (environment): IMAGE (default aml-aks-emulator:local), BASE_IMAGE, JAR (default
# emulator/target/aml-aks-emulator.jar), JDK (the JDK whose jlink makes the base; default: the one
# javac belongs to), APP_UID (default 10001), REBUILD_BASE=true to make the local base again,
# FORCE=true to rebuild an image that is already up to date with the jar.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
IMAGE=${IMAGE:-aml-aks-emulator:local}
JAR=${JAR:-$root/emulator/target/aml-aks-emulator.jar}
APP_UID=${APP_UID:-10001}
LOCAL_BASE=aml-aks-emulator/jre:17-local

say() { printf 'build-image: %s\n' "$*" >&2; }
fail() { say "$*"; exit 1; }

command -v docker >/dev/null 2>&1 || fail "docker is not installed (apt-get install -y docker.io)"
docker version >/dev/null 2>&1 || fail "no Docker engine answers (start one: dockerd, or the Docker service)"
[ -f "$JAR" ] || fail "$JAR is missing: run 'mvn -q -DskipTests package' first"

# The local base: this machine's JDK cut down by jlink to what the emulator needs, plus the few
# system libraries the JVM links against, a passwd entry for the app user and the C.UTF-8 locale.
make_base() {
    jdk=${JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v jlink)")")")}
    [ -x "$jdk/bin/jlink" ] || fail "no jlink under $jdk: set JDK to a JDK 17+ home, or set BASE_IMAGE to a JRE image you have"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    rootfs=$work/rootfs
    mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/app" "$rootfs/usr/lib/locale"
    say "making the local JRE base $LOCAL_BASE from $jdk"
    "$jdk/bin/jlink" --add-modules java.se,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs \
        --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive --output "$rootfs/opt/java" >/dev/null
    rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"
    # The shared libraries the JVM and its tools need (not the AWT and font ones headless code never loads).
    find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
        ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libjsound.so' ! -name 'libjawt.so' \
        ! -name 'libfontmanager.so' ! -name 'libjavajpeg.so' ! -name 'liblcms.so' -exec ldd {} \; 2>/dev/null \
        | awk '$2=="=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
        | grep -v "^$rootfs" | sort -u | while read -r lib; do cp -L --parents "$lib" "$rootfs"; done
    if [ -d /usr/lib/locale/C.utf8 ]; then cp -a /usr/lib/locale/C.utf8 "$rootfs/usr/lib/locale/"; fi
    printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:%s:%s:app:/home/app:/sbin/nologin\n' "$APP_UID" "$APP_UID" > "$rootfs/etc/passwd"
    printf 'root:x:0:\napp:x:%s:\n' "$APP_UID" > "$rootfs/etc/group"
    printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
    printf '127.0.0.1 localhost\n::1 localhost\n' > "$rootfs/etc/hosts"
    chown "$APP_UID:$APP_UID" "$rootfs/home/app"
    chmod 1777 "$rootfs/tmp"
    tar --numeric-owner -C "$rootfs" -cf - . | docker import -c 'ENV JAVA_HOME=/opt/java' \
        -c 'ENV PATH=/opt/java/bin:/usr/bin:/bin' -c 'ENV LANG=C.UTF-8' -c 'CMD ["java","-version"]' - "$LOCAL_BASE" >/dev/null
    rm -rf "$work"
    trap - EXIT
}

if [ -z "${BASE_IMAGE:-}" ]; then
    BASE_IMAGE=$LOCAL_BASE
    if [ "${REBUILD_BASE:-false}" = true ] || ! docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
        make_base
    fi
else
    docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 || fail "BASE_IMAGE $BASE_IMAGE is not on this machine (nothing is pulled)"
fi

# An image already built from this very jar on this base is up to date (tests call this script every run).
jar_sum=$(sha256sum "$JAR" | cut -c1-64)
base_id=$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")
if [ "${FORCE:-false}" != true ] && [ "$(docker image inspect -f '{{index .Config.Labels "dev.amlaks.jar-sha256"}} {{index .Config.Labels "dev.amlaks.base-id"}}' "$IMAGE" 2>/dev/null)" = "$jar_sum $base_id" ]; then
    say "$IMAGE is up to date (built from this jar on $BASE_IMAGE; FORCE=true rebuilds it)"
    exit 0
fi

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp "$here/Dockerfile" "$context/Dockerfile"
cp "$JAR" "$context/app.jar"
mkdir -p "$context/data" && touch "$context/data/.keep"
version=$(unzip -p "$JAR" dev/amlaks/emulator/version.properties 2>/dev/null | sed -n 's/^version=//p' || true)

say "building $IMAGE on $BASE_IMAGE"
# The legacy builder takes the base from this machine and pulls nothing; the build's one RUN (the
# class-data-sharing warm-up) talks to itself on loopback, so it uses the host's network stack.
DOCKER_BUILDKIT=0 docker build --quiet --network host --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "APP_UID=$APP_UID" \
    --build-arg "VERSION=${version:-dev}" --label "dev.amlaks.jar-sha256=$jar_sum" --label "dev.amlaks.base-id=$base_id" \
    -t "$IMAGE" "$context" >/dev/null
# The builds this one replaced are left untagged: drop them (only ours, by their label).
docker image prune -f --filter "label=dev.amlaks.jar-sha256" >/dev/null 2>&1 || true
say "built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1000000}'))"
