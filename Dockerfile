# moisson in a container. See README.md, "In a container".
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /moisson ./cmd/moisson

FROM debian:bookworm-slim
# git: MOISSON_GIT_PUSH; ca-certificates: https; tzdata: MOISSON_TZ.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git tzdata openssh-client \
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 1000 moisson \
    && mkdir -p /data && chown moisson:moisson /data
COPY --from=build /moisson /usr/local/bin/moisson
USER moisson
WORKDIR /data
VOLUME ["/data"]
ENV MOISSON_DB=/data/moisson.db
# The review page: to reach it from the host, publish the port and set
# MOISSON_LISTEN=0.0.0.0:7080 with a MOISSON_UI_TOKEN (required off loopback).
EXPOSE 7080
# `moisson health` asks the daemon on its socket next to the store.
HEALTHCHECK --interval=1m --timeout=15s --start-period=30s --retries=3 CMD ["moisson", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["moisson"]
CMD ["run"]
