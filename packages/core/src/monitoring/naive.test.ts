import { runFusionContract } from './contract.case.ts';
import { createNaiveFusionEngine } from './naive.ts';

runFusionContract('naive engine', createNaiveFusionEngine);
