import { describe, expect, it } from 'vitest';
import { imageEnvNames } from './imageEnv';

describe('imageEnvNames', () => {
  it('adds the names of a release from the version that introduced them; a tag without a version is the newest', () => {
    expect(imageEnvNames('golang', '1.20-bookworm')).toEqual(['GOLANG_VERSION', 'GOPATH']);
    expect(imageEnvNames('golang', '1.21')).toEqual(['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN']);
    expect(imageEnvNames('golang', '1')).toEqual(['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN']);
    expect(imageEnvNames('golang', 'alpine')).toEqual(['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN']);
    expect(imageEnvNames('mcr.microsoft.com/dotnet/runtime-deps', '6.0')).toEqual(['DOTNET_RUNNING_IN_CONTAINER']);
    expect(imageEnvNames('mcr.microsoft.com/dotnet/runtime-deps', '10.0-alpine')).toEqual(['DOTNET_RUNNING_IN_CONTAINER', 'APP_UID', 'ASPNETCORE_HTTP_PORTS']);
  });

  it('knows the .NET SDK names by release: the version variables from 5.0, the certificate and banner switches from 6.0', () => {
    const sdk = 'mcr.microsoft.com/dotnet/sdk';
    expect(imageEnvNames(sdk, '3.1')).toEqual(['DOTNET_RUNNING_IN_CONTAINER', 'DOTNET_USE_POLLING_FILE_WATCHER', 'NUGET_XMLDOC_MODE']);
    expect(imageEnvNames(sdk, '5.0-focal')).toEqual([
      'DOTNET_RUNNING_IN_CONTAINER',
      'DOTNET_USE_POLLING_FILE_WATCHER',
      'NUGET_XMLDOC_MODE',
      'DOTNET_VERSION',
      'ASPNET_VERSION',
      'DOTNET_SDK_VERSION',
    ]);
    expect(imageEnvNames(sdk, '10.0-alpine-aot')).toEqual([
      'DOTNET_RUNNING_IN_CONTAINER',
      'DOTNET_USE_POLLING_FILE_WATCHER',
      'NUGET_XMLDOC_MODE',
      'DOTNET_VERSION',
      'ASPNET_VERSION',
      'DOTNET_SDK_VERSION',
      'DOTNET_GENERATE_ASPNET_CERTIFICATE',
      'DOTNET_NOLOGO',
      'APP_UID',
      'ASPNETCORE_HTTP_PORTS',
    ]);
    expect(imageEnvNames(sdk, '10.0-nanoserver-ltsc2022')).toEqual([]);
  });

  it('knows maven, gradle, mysql and redis, with the names only later releases set', () => {
    expect(imageEnvNames('maven', '3.3-jdk-8')).toEqual(['MAVEN_HOME', 'JAVA_HOME']);
    expect(imageEnvNames('maven', '3.9-eclipse-temurin-21')).toEqual(['MAVEN_HOME', 'JAVA_HOME', 'MAVEN_CONFIG']);
    expect(imageEnvNames('maven', '3-eclipse-temurin-21-windowsservercore')).toEqual([]);
    expect(imageEnvNames('gradle', 'jdk21-alpine')).toEqual(['GRADLE_HOME', 'GRADLE_VERSION', 'JAVA_HOME']);
    expect(imageEnvNames('mysql', '5.5')).toEqual(['MYSQL_MAJOR', 'MYSQL_VERSION']);
    expect(imageEnvNames('mysql', '8.4-oracle')).toEqual(['MYSQL_MAJOR', 'MYSQL_VERSION', 'GOSU_VERSION']);
    expect(imageEnvNames('redis', '3.0')).toEqual(['REDIS_DOWNLOAD_URL']);
    expect(imageEnvNames('redis', '8-alpine')).toEqual(['REDIS_DOWNLOAD_URL', 'REDIS_DOWNLOAD_SHA']);
  });

  it('knows no names of Windows tags and of images outside the table', () => {
    expect(imageEnvNames('golang', '1.22-nanoserver-ltsc2022')).toEqual([]);
    expect(imageEnvNames('example.com/golang', undefined)).toEqual([]);
    expect(imageEnvNames('alpine', undefined)).toEqual([]);
  });
});
