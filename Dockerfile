# syntax=docker/dockerfile:1.7
#
# penultimate: multi-stage image.
#   build   - Maven + JDK 17 build of the CLI jar (penultimate-app/target/penultimate.jar) and its
#             runtime jars (penultimate-app/target/lib, the sibling modules' jars included)
#   model   - fetches MNIST / Fashion-MNIST, trains the paper MLP and fits the encoder bundle,
#             so the image carries /opt/penultimate/model/{model.zip,encoders.json} and the data
#   runtime - JRE 17, non-root, ENTRYPOINT = the penultimate CLI
#
# Build:  docker build -t penultimate:0.1.0 .          (training takes ~1-2 min of CPU)
# Run:    docker run --rm penultimate:0.1.0 --help
#
# Base images (tags pinned; pin digests in your registry mirror if you need bit-for-bit rebuilds):
#   maven:3.9.9-eclipse-temurin-17   official Maven image, Ubuntu based, JDK 17 (Temurin)
#   debian:12.11-slim                Debian bookworm. Chosen for the model stage because the
#                                    data fetch needs packages that bookworm main carries
#                                    (checked with apt-cache policy on a bookworm machine):
#                                      dataset-fashion-mnist 0.0~git20200523.55506a9-1
#                                        (installs /usr/share/datasets/fashion-mnist/*.gz)
#                                      openjdk-17-jre-headless 17.0.x
#                                      nodejs 18.19 + npm 9.2 ('npm pack --pack-destination'
#                                        needs npm >= 7.18)
#                                    The Ubuntu-based Maven/Temurin images are not assumed to
#                                    carry dataset-fashion-mnist, so they are not used there.
#   eclipse-temurin:17.0.15_6-jre-jammy  official JRE 17 image (Ubuntu 22.04) for the runtime
#
# ND4J ships its native libraries (OpenBLAS via JavaCPP) for linux-x86_64 inside the jars, so
# the image is amd64 only; glibc-based bases are required (no Alpine).

ARG MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
ARG MODEL_BASE_IMAGE=debian:12.11-slim
ARG RUNTIME_IMAGE=eclipse-temurin:17.0.15_6-jre-jammy

############################################################ build
FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
COPY penultimate-core/pom.xml penultimate-core/
COPY penultimate-data/pom.xml penultimate-data/
COPY penultimate-dl4j/pom.xml penultimate-dl4j/
COPY penultimate-onnx/pom.xml penultimate-onnx/
COPY penultimate-stream/pom.xml penultimate-stream/
COPY penultimate-metrics/pom.xml penultimate-metrics/
COPY penultimate-app/pom.xml penultimate-app/
# Dependencies first, so source edits reuse this layer (and the BuildKit cache of ~/.m2).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q dependency:go-offline -DincludeScope=runtime || true
COPY penultimate-core/src penultimate-core/src
COPY penultimate-data/src penultimate-data/src
COPY penultimate-dl4j/src penultimate-dl4j/src
COPY penultimate-onnx/src penultimate-onnx/src
COPY penultimate-stream/src penultimate-stream/src
COPY penultimate-metrics/src penultimate-metrics/src
COPY penultimate-app/src penultimate-app/src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -DskipTests package dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory=target/lib \
 && test -f penultimate-app/target/penultimate.jar && test -n "$(ls penultimate-app/target/lib)"

############################################################ model
FROM ${MODEL_BASE_IMAGE} AS model
ARG TRAIN_DATASET=mnist
ARG TRAIN_ARCH=paper-mlp
ARG TRAIN_SEED=1
ENV DEBIAN_FRONTEND=noninteractive \
    PENULTIMATE_DATA_DIR=/opt/penultimate/data
# The CLI itself runs 'apt-get install dataset-fashion-mnist' as root when the files are
# missing; installing it here keeps that step explicit and cacheable.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
        openjdk-17-jre-headless nodejs npm ca-certificates dataset-fashion-mnist \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/penultimate-app/target/penultimate.jar /opt/penultimate/penultimate.jar
COPY --from=build /src/penultimate-app/target/lib /opt/penultimate/lib
WORKDIR /opt/penultimate
RUN set -eux; \
    cli() { java -Xmx2g -cp "penultimate.jar:lib/*" io.penultimate.cli.Penultimate "$@"; }; \
    cli data fetch --dataset all --data-dir "$PENULTIMATE_DATA_DIR"; \
    # Copy Fashion-MNIST into the data dir: the runtime image has no Debian package.
    mkdir -p "$PENULTIMATE_DATA_DIR/fashion-mnist"; \
    cp /usr/share/datasets/fashion-mnist/*-ubyte.gz "$PENULTIMATE_DATA_DIR/fashion-mnist/"; \
    rm -f "$PENULTIMATE_DATA_DIR"/*.log "$PENULTIMATE_DATA_DIR"/*/*.log; \
    mkdir -p model; \
    cli train --dataset "$TRAIN_DATASET" --arch "$TRAIN_ARCH" --seed "$TRAIN_SEED" \
        --out model/model.zip --data-dir "$PENULTIMATE_DATA_DIR"; \
    cli fit --model model/model.zip --dataset "$TRAIN_DATASET" \
        --out model/encoders.json --data-dir "$PENULTIMATE_DATA_DIR"; \
    ls -l model "$PENULTIMATE_DATA_DIR"/*

############################################################ runtime
FROM ${RUNTIME_IMAGE} AS runtime
# curl only serves the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 penultimate \
 && useradd --system --uid 10001 --gid 10001 --home-dir /home/penultimate --create-home \
        --shell /usr/sbin/nologin penultimate \
 && mkdir -p /var/lib/penultimate/state \
 && chown -R 10001:10001 /var/lib/penultimate
COPY --from=build /src/penultimate-app/target/penultimate.jar /opt/penultimate/penultimate.jar
COPY --from=build /src/penultimate-app/target/lib /opt/penultimate/lib
COPY --from=model /opt/penultimate/model /opt/penultimate/model
COPY --from=model /opt/penultimate/data /opt/penultimate/data
# OMP_NUM_THREADS=1: ND4J's OpenMP threads would spin against Kafka's (README, Performance).
# ORT_DISABLE_TELEMETRY=1: ONNX Runtime 1.29 sends usage telemetry from Linux unless told not to.
ENV PENULTIMATE_DATA_DIR=/opt/penultimate/data \
    OMP_NUM_THREADS=1 \
    ORT_DISABLE_TELEMETRY=1 \
    PENULTIMATE_JAVA_OPTS="-Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1g -Dorg.bytedeco.javacpp.maxphysicalbytes=2560m"
WORKDIR /opt/penultimate
# Class-data sharing: a short demo on the embedded broker, with the image's own model in the
# demo's cache, records the classes a monitor loads (about 7,000) into an archive that every
# command then maps (README, Performance: 2.5-6.9 s sooner to the first score on a slow host).
# Written by this image's JVM from this image's jars, as an archive must be; -Xshare:auto below
# starts without it rather than failing if it cannot be mapped.
RUN set -eux; \
    mkdir -p /tmp/cds/runs/mnist-paper-mlp-seed1; \
    cp model/model.zip model/encoders.json /tmp/cds/runs/mnist-paper-mlp-seed1/; \
    java $PENULTIMATE_JAVA_OPTS -XX:ArchiveClassesAtExit=/opt/penultimate/penultimate.jsa -Xlog:cds=off \
        -cp '/opt/penultimate/penultimate.jar:/opt/penultimate/lib/*' io.penultimate.cli.Penultimate \
        demo --work-dir /tmp/cds/runs --events 300 --warm-up 0 --log-level warn; \
    rm -rf /tmp/cds; \
    test -s /opt/penultimate/penultimate.jsa
USER 10001:10001
# /metrics, /health/ready, /health/live of 'serve' (docs/metrics.md)
EXPOSE 9404
# Liveness only: a rebalance keeps /health/live at 200. Commands other than 'serve' open no
# port; for them this check fails harmlessly (orchestrators below override it).
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null http://localhost:9404/health/live || exit 1
# sh -c so PENULTIMATE_JAVA_OPTS is split into JVM options; "$@" are the CLI arguments.
ENTRYPOINT ["sh", "-c", "exec java $PENULTIMATE_JAVA_OPTS -XX:SharedArchiveFile=/opt/penultimate/penultimate.jsa -Xshare:auto -Xlog:cds=off -cp '/opt/penultimate/penultimate.jar:/opt/penultimate/lib/*' io.penultimate.cli.Penultimate \"$@\"", "penultimate"]
CMD ["--help"]
