// DL3038: `dnf install` (or localinstall, groupinstall, reinstall, group install, and dnf's
// aliases in, rei, grp install) without `-y` (or `--assumeyes`, `--setopt=assumeyes=1`), for dnf 4
// and dnf 5 (`dnf5`). dnf asks before it installs
// anything, a build has no terminal to answer, and dnf takes the end of its input as "no": the RUN
// fails. Not flagged: microdnf, which never asks (hadolint flags it); a variable among the
// arguments, which may hold the option (`dnf install $DNF_OPTS curl`); a command fed answers
// through a pipe or a here-document. The fix adds ` -y` after the subcommand.

import { DNF } from './rpm';
import { installWithoutYes } from './rpmInstallYes';

export const DL3038 = installWithoutYes('DL3038', DNF, '`dnf install` without `-y`.');
