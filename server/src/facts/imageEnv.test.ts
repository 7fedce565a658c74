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

  it('knows no names of Windows tags and of images outside the table', () => {
    expect(imageEnvNames('golang', '1.22-nanoserver-ltsc2022')).toEqual([]);
    expect(imageEnvNames('example.com/golang', undefined)).toEqual([]);
    expect(imageEnvNames('alpine', undefined)).toEqual([]);
  });
});
