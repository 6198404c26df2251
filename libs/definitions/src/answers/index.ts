export { validateAnswers, type AnswerError, type AnswersValidation } from './validate-answers.js';
export {
  creditCodeProblem,
  isRealDate,
  mobilePhoneProblem,
  residentIdNumberProblem,
} from './identifier-checks.js';
