// Every test process reads the spelling dictionaries the way the CLI and the server do.
import { installSpellDictionaries } from '../../server/src/host/spell-dictionaries.js';

installSpellDictionaries();
