import { runFusionContract } from './contract.case.ts';
import { createIndexedFusionEngine } from './indexed.ts';

runFusionContract('indexed engine', createIndexedFusionEngine);
