import { config } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * zod's English messages, which its classic entry point sets when it loads. The schemas every
 * function loads (settings, claim names, ids, query parameters, cursors) are built with the light
 * entry point (`zod/mini`) so that a function that parses no body never loads classic zod; each of
 * those modules imports this one, so that their messages are the same words either way.
 */
config(en());
