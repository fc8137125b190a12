// The package ships no types: the part of its API the scorer's training uses.
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';

  class LogisticRegressionTwoClasses {
    weights: Matrix;
    testScores(features: Matrix): number[];
  }

  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: LogisticRegressionTwoClasses[];
    train(features: Matrix, target: Matrix): void;
    predict(features: Matrix): number[];
  }
}
