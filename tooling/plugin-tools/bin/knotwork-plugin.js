#!/usr/bin/env node
// The code lives in dist (built by tsup); this file only hands over the arguments.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv);
