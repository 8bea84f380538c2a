# Builds and runs Erasmus.Web. Configuration comes from the environment (see docker-compose.yml).
# The default (last) target is the app's image; the demo-data target is docker-compose's one-off seeder,
# kept out of the app's image like its assembly is kept out of the app (docs/decisions/0012-...).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Erasmus.Web -c Release -o /app --nologo

FROM build AS demo-data-build
RUN dotnet publish src/Erasmus.DemoData -c Release -o /demo-data --nologo

# Migrates the database and seeds the demo data and demo users, then exits.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS demo-data
WORKDIR /demo-data
COPY --from=demo-data-build /demo-data .
ENTRYPOINT ["dotnet", "Erasmus.DemoData.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS app
# curl for the container health check; a font for the county map's PNG (Skia finds no font otherwise).
RUN apt-get update && apt-get install -y --no-install-recommends curl fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# DOTNET_GCgen0size: a 64 MB young generation keeps the server GC's resident set under 1 GB at ten times national
# scale while coordinators write (decision 0021; the runtime reads this setting from the environment only).
ENV ASPNETCORE_URLS=http://+:8080 \
    DataFolder=/data \
    Logging__File=/data/logs/erasmus-.log \
    DOTNET_GCgen0size=0x4000000
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD ["curl", "-fs", "http://localhost:8080/health/ready"]
ENTRYPOINT ["dotnet", "Erasmus.Web.dll"]
