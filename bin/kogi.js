#!/usr/bin/env node
// Entry point for `kogi` and the npm scripts: runs the compiled sources (see compile.js).
import { compiled } from './compile.js'

await import(await compiled())
