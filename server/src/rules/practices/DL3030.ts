// DL3030: `yum install` (or localinstall, groupinstall, reinstall, group install) without `-y`
// (or `--assumeyes`, `--setopt=assumeyes=1`). yum asks before it installs anything, a build has no
// terminal to answer, and yum takes the end of its input as "no": the RUN fails. Not flagged
// (unlike hadolint): a variable among the arguments, which may hold the option
// (`yum install $YUM_OPTS curl`), and a command fed answers through a pipe or a here-document
// (`yes | yum install curl`). The fix adds ` -y` after the subcommand.

import { YUM } from './rpm';
import { installWithoutYes } from './rpmInstallYes';

export const DL3030 = installWithoutYes('DL3030', YUM, '`yum install` without `-y`.');
