# Builds and runs Erasmus.Web. Configuration comes from the environment (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Erasmus.Web -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl for the container health check; a font for the county map's PNG (Skia finds no font otherwise).
RUN apt-get update && apt-get install -y --no-install-recommends curl fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    DataFolder=/data \
    Logging__File=/data/logs/erasmus-.log
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD ["curl", "-fs", "http://localhost:8080/health/ready"]
ENTRYPOINT ["dotnet", "Erasmus.Web.dll"]
