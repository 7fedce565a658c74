import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

describe('StageNameCasing', () => {
  it('flags a stage name with uppercase letters', () => {
    checkDiagnostics('FROM alpine AS $[Build$]\nRUN true\n', [
      {
        code: 'StageNameCasing',
        message: "Stage name 'Build' has uppercase letters; stage names are case-insensitive and stored in lowercase, so write 'build'.",
      },
    ]);
  });

  it('accepts lowercase names and stages without a name', () => {
    checkDiagnostics('FROM alpine AS build-1.x\nFROM alpine\n', []);
  });

  it('lowercases the name and every reference to it', () => {
    checkFix(
      'FROM alpine AS Build\nRUN true\nFROM Build AS test\nFROM scratch\nCOPY --from=Build /a /b\nRUN --mount=from=BUILD,target=/x true\n',
      'StageNameCasing',
      "Rename the stage to 'build'",
      'FROM alpine AS build\nRUN true\nFROM build AS test\nFROM scratch\nCOPY --from=build /a /b\nRUN --mount=from=build,target=/x true\n',
    );
  });

  it('also a --from or from= further up that names it (BuildKit resolves the name there, then fails as the stage is not built yet), and not one that names another stage', () => {
    checkFix(
      'FROM alpine AS first\nCOPY --from=Build /a /b\nRUN --mount=from=BUILD,target=/x true\nFROM alpine AS Build\n',
      'StageNameCasing',
      "Rename the stage to 'build'",
      'FROM alpine AS first\nCOPY --from=build /a /b\nRUN --mount=from=build,target=/x true\nFROM alpine AS build\n',
    );
    // Of two stages named build, --from=Build means the last; FROM Build after the first reads no stage.
    checkFix(
      'FROM alpine AS Build\nFROM scratch\nCOPY --from=Build /a /b\nFROM alpine AS build\n',
      'StageNameCasing',
      "Rename the stage to 'build'",
      'FROM alpine AS build\nFROM scratch\nCOPY --from=Build /a /b\nFROM alpine AS build\n',
    );
  });
});
