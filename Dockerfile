# One image per deployable, from the repository root:
#   docker build --build-arg APP=Silo    -t orleansfib/silo:TAG .
#   docker build --build-arg APP=Gateway -t orleansfib/gateway:TAG .
ARG APP=Gateway

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG APP
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY ServiceDefaults/ ServiceDefaults/
COPY ${APP}/ ${APP}/
# ReadyToRun: a process starts on precompiled code instead of JIT-compiling Orleans and Kestrel (docs/performance.md).
RUN dotnet publish ${APP}/${APP}.csproj -c Release -r linux-x64 --no-self-contained -p:PublishReadyToRun=true -o /app && ln -s ${APP}.dll /app/app.dll

# The ASP.NET runtime image runs as its non-root "app" user (UID 1654) by default.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER app
# The operations port (probes, metrics) listens on loopback unless told otherwise; in a container the probes come from outside.
ENV Gateway__HttpAddress=* Silo__Address=*
ENTRYPOINT ["dotnet", "app.dll"]
