// Best practices that BuildKit does not check, under hadolint's rule codes, one file each. A
// curated subset: rules that are rarely wrong about a file. Left out on purpose: the version-pin
// rules (DL3008, DL3013, DL3016, DL3018, …), which flag nearly every file and whose fix is a
// policy, and the rules BuildKit's own checks already cover (DL3024, DL3025, DL4000, …).
import type { Rule } from '../types';
import { DL3002 } from './DL3002';
import { DL3003 } from './DL3003';
import { DL3004 } from './DL3004';
import { DL3006 } from './DL3006';
import { DL3007 } from './DL3007';
import { DL3009 } from './DL3009';
import { DL3014 } from './DL3014';
import { DL3015 } from './DL3015';
import { DL3019 } from './DL3019';
import { DL3020 } from './DL3020';
import { DL3022 } from './DL3022';
import { DL3027 } from './DL3027';
import { DL3030 } from './DL3030';
import { DL3032 } from './DL3032';
import { DL3034 } from './DL3034';
import { DL3036 } from './DL3036';
import { DL3038 } from './DL3038';
import { DL3040 } from './DL3040';
import { DL3042 } from './DL3042';
import { DL3044 } from './DL3044';
import { DL3045 } from './DL3045';
import { DL3046 } from './DL3046';
import { DL4005 } from './DL4005';
import { DL4006 } from './DL4006';
import { SC1018 } from './SC1018';
import { SC1100 } from './SC1100';
import { SC1110 } from './SC1110';

export const PRACTICE_RULES: readonly Rule[] = [DL3002, DL3003, DL3004, DL3006, DL3007, DL3009, DL3014, DL3015, DL3019, DL3020, DL3022, DL3027, DL3030, DL3032, DL3034, DL3036, DL3038, DL3040, DL3042, DL3044, DL3045, DL3046, DL4005, DL4006, SC1018, SC1100, SC1110];
