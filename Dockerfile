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
    && rm -rf /var/lib/apt/lists/* && useradd --create-home --uid 1000 moisson
COPY --from=build /moisson /usr/local/bin/moisson
USER moisson
VOLUME ["/data"]
ENV MOISSON_DB=/data/moisson.db
STOPSIGNAL SIGTERM
ENTRYPOINT ["moisson"]
CMD ["run"]
