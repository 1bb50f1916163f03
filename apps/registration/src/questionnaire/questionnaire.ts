import type { QuestionAnswer, QuestionNode, QuestionnaireErrors } from '@loyalty/contracts';

/**
 * The questionnaire: a configurable tree of headers and questions with the seed's node fields.
 * A question either takes a typed value (`fieldType` String, Date, Number) and is answered with
 * `{groupID: null, id, value, selected: false}`, or offers options (its children, whose `groupID`
 * is the question's id) and is answered with `{groupID, id: <option id>, selected: true}`.
 * Pure: the service stores the answers and publishes the events.
 */

/** A node as configured: the seed's fields, most of them optional. */
export interface QuestionDefinition {
  nodeType: 'Header' | 'Question';
  displayName: string;
  description?: string | null;
  logicalName?: string | null;
  readOnly?: boolean;
  required?: boolean | null;
  id?: number | null;
  groupID?: number | null;
  maxLength?: number | null;
  fieldType?: string | null;
  children?: QuestionDefinition[] | null;
}

export const BIRTH_DATE_LOGICAL_NAME = 'BirthDate';
const TEXT_FIELD_TYPES = ['String', 'Date', 'Number'];

/** SPEC §3.2's default: "Личные данные" with first, last and middle name, birth date and sex. */
export const DEFAULT_QUESTIONNAIRE: QuestionDefinition[] = [
  {
    nodeType: 'Header',
    displayName: 'Личные данные',
    children: [
      { nodeType: 'Question', displayName: 'Имя', logicalName: 'FirstName', required: true, id: 1, fieldType: 'String', maxLength: 100 },
      { nodeType: 'Question', displayName: 'Фамилия', logicalName: 'LastName', required: true, id: 2, fieldType: 'String', maxLength: 100 },
      { nodeType: 'Question', displayName: 'Отчество', logicalName: 'MiddleName', required: false, id: 3, fieldType: 'String', maxLength: 100 },
      { nodeType: 'Question', displayName: 'Дата рождения', logicalName: BIRTH_DATE_LOGICAL_NAME, required: true, id: 7, fieldType: 'Date' },
      {
        nodeType: 'Question',
        displayName: 'Пол',
        logicalName: 'Sex',
        required: true,
        id: 5,
        fieldType: 'Select',
        children: [
          { nodeType: 'Question', displayName: 'Мужской', logicalName: 'Male', id: 1, groupID: 5 },
          { nodeType: 'Question', displayName: 'Женский', logicalName: 'Female', id: 2, groupID: 5 },
        ],
      },
    ],
  },
];

/** A change the submission makes, for storage and for its `customer.attribute.update` event. */
export interface AnswerChange {
  /** `q<id>` for a typed answer, `g<groupID>` for a choice. */
  key: string;
  /** What is stored: the normalised text, or the chosen option's id. */
  storedValue: string;
  attributeCode: string;
  attributeId: number;
  /** The value as published in events (the option's logicalName for a choice). */
  eventValue: string;
}

interface AnswerableQuestion {
  key: string;
  node: QuestionDefinition;
  options: QuestionDefinition[] | null;
}

export class Questionnaire {
  private readonly questions = new Map<string, AnswerableQuestion>();

  constructor(
    private readonly tree: QuestionDefinition[],
    private readonly minAge: number,
  ) {
    for (const node of walk(tree)) {
      if (node.nodeType !== 'Question' || node.id === null || node.id === undefined) continue;
      if (node.groupID !== null && node.groupID !== undefined) continue; // an option, listed under its question
      const options = node.children?.length ? node.children : null;
      const key = options ? `g${node.id}` : `q${node.id}`;
      if (this.questions.has(key)) throw new Error(`Questionnaire: question id ${node.id} appears twice`);
      if (!options && !TEXT_FIELD_TYPES.includes(node.fieldType ?? '')) {
        throw new Error(`Questionnaire: question ${node.id} needs fieldType ${TEXT_FIELD_TYPES.join('/')} or options`);
      }
      this.questions.set(key, { key, node, options });
    }
  }

  /** Reads a configured tree (QUESTIONNAIRE_JSON); throws with the reason when it is unusable. */
  static parse(json: string, minAge: number): Questionnaire {
    const tree = JSON.parse(json) as unknown;
    if (!Array.isArray(tree) || tree.length === 0) throw new Error('Questionnaire: the tree must be a non-empty JSON array');
    for (const node of walk(tree as QuestionDefinition[])) {
      if (node.nodeType !== 'Header' && node.nodeType !== 'Question') throw new Error('Questionnaire: nodeType must be Header or Question');
      if (typeof node.displayName !== 'string') throw new Error('Questionnaire: every node needs a displayName');
    }
    return new Questionnaire(tree as QuestionDefinition[], minAge);
  }

  /** The tree as `GET User/Questions` shows it, with the member's answers filled in. */
  view(answers: ReadonlyMap<string, string>, onlyRequired: boolean): QuestionNode[] {
    return this.tree.map((node) => this.viewNode(node, answers, onlyRequired)).filter((node): node is QuestionNode => node !== null);
  }

  /** True when every required question has an answer. */
  isComplete(answers: ReadonlyMap<string, string>): boolean {
    return [...this.questions.values()].every((question) => !question.node.required || answers.has(question.key));
  }

  /**
   * Checks a submission against the tree. Either every answer is valid and the changes are
   * returned, or nothing is, and the errors name the questions (`idQuestion`) as the seed shows.
   */
  evaluate(answers: QuestionAnswer[], current: ReadonlyMap<string, string>, today: Date): { changes: AnswerChange[]; errors: QuestionnaireErrors['errors'] } {
    const errors: QuestionnaireErrors['errors'] = [];
    const changes = new Map<string, AnswerChange>();
    for (const answer of answers) {
      const isChoice = answer.groupID !== null && answer.groupID !== undefined;
      const questionId = isChoice ? (answer.groupID as number) : answer.id;
      const question = this.questions.get(isChoice ? `g${answer.groupID}` : `q${answer.id}`);
      const fail = (message: string) => errors.push({ idQuestion: String(questionId), errors: [message] });
      if (!question) {
        fail('Вопрос не найден.');
        continue;
      }
      const outcome = isChoice ? this.choice(question, answer) : this.typedValue(question, answer.value, today);
      if ('error' in outcome) {
        fail(outcome.error);
        continue;
      }
      if (outcome.change === null) continue;
      if (current.get(question.key) !== outcome.change.storedValue) changes.set(question.key, outcome.change);
    }
    return errors.length > 0 ? { changes: [], errors } : { changes: [...changes.values()], errors };
  }

  /** What an answer stored under `key` means for events (old values of attribute updates). */
  /** A stored answer as an attribute (code, id and published value), or null for a question no longer in the tree. */
  attributeOf(key: string, storedValue: string): { attributeCode: string; attributeId: number; value: string } | null {
    const question = this.questions.get(key);
    if (!question) return null;
    const id = question.node.id as number;
    return { attributeCode: question.node.logicalName ?? `Question${id}`, attributeId: questionAttributeId(id), value: this.eventValueOf(key, storedValue) };
  }

  eventValueOf(key: string, storedValue: string): string {
    const question = this.questions.get(key);
    const option = question?.options?.find((candidate) => String(candidate.id) === storedValue);
    return option ? (option.logicalName ?? option.displayName) : storedValue;
  }

  private typedValue(question: AnswerableQuestion, raw: string | null, today: Date): { change: AnswerChange | null } | { error: string } {
    const node = question.node;
    const text = (raw ?? '').trim();
    if (question.options) return { error: 'Выберите один из предложенных вариантов.' };
    if (text === '') return node.required ? { error: 'Требуется ответ на вопрос.' } : { change: null };
    if (node.maxLength && text.length > node.maxLength) return { error: `Ответ длиннее ${node.maxLength} символов.` };
    let value = text;
    if (node.fieldType === 'Date') {
      const date = parseDate(text);
      if (!date || date.getTime() > today.getTime()) return { error: 'Некорректная дата.' };
      if (node.logicalName === BIRTH_DATE_LOGICAL_NAME && fullYearsBetween(date, today) < this.minAge) {
        return { error: `Не допускается участие в программе лиц младше ${this.minAge} лет` };
      }
      value = date.toISOString().slice(0, 10);
    } else if (node.fieldType === 'Number' && !/^-?\d+(\.\d+)?$/.test(text)) {
      return { error: 'Ответ должен быть числом.' };
    }
    return { change: this.change(question, value, value) };
  }

  private choice(question: AnswerableQuestion, answer: QuestionAnswer): { change: AnswerChange } | { error: string } {
    const option = question.options?.find((candidate) => candidate.id === answer.id);
    if (!option) return { error: 'Такого варианта ответа нет.' };
    if (answer.selected !== true) return { error: 'Вариант ответа должен быть выбран (selected: true).' };
    return { change: this.change(question, String(option.id), option.logicalName ?? option.displayName) };
  }

  private change(question: AnswerableQuestion, storedValue: string, eventValue: string): AnswerChange {
    const id = question.node.id as number;
    return {
      key: question.key,
      storedValue,
      eventValue,
      attributeCode: question.node.logicalName ?? `Question${id}`,
      attributeId: questionAttributeId(id),
    };
  }

  private viewNode(node: QuestionDefinition, answers: ReadonlyMap<string, string>, onlyRequired: boolean): QuestionNode | null {
    const isOption = node.nodeType === 'Question' && node.groupID !== null && node.groupID !== undefined;
    if (node.nodeType === 'Question' && !isOption && onlyRequired && !node.required) return null;
    const hasOptions = node.nodeType === 'Question' && !isOption && !!node.children?.length;
    const key = hasOptions ? `g${node.id}` : `q${node.id}`;
    let children: QuestionNode[] | null = null;
    if (node.children?.length) {
      children = hasOptions
        ? node.children.map((option) => this.viewNode(option, answers, false) as QuestionNode)
        : node.children.map((child) => this.viewNode(child, answers, onlyRequired)).filter((child): child is QuestionNode => child !== null);
      if (node.nodeType === 'Header' && children.length === 0) return null;
    }
    let selected: boolean | null = null;
    let value: string | null = null;
    if (isOption) {
      selected = answers.get(`g${node.groupID}`) === String(node.id);
    } else if (node.nodeType === 'Question') {
      selected = false;
      value = answers.get(key) ?? null;
    }
    return {
      nodeType: node.nodeType,
      displayName: node.displayName,
      description: node.description ?? null,
      logicalName: node.logicalName ?? null,
      value,
      readOnly: node.readOnly ?? false,
      required: node.nodeType === 'Header' ? null : (node.required ?? false),
      id: node.id ?? null,
      groupID: node.groupID ?? null,
      selected,
      maxLength: node.maxLength ?? null,
      fieldType: node.fieldType ?? null,
      children,
    };
  }
}

/**
 * `attributeId` of a questionnaire answer in `customer.attribute.update`: 100 + the question id,
 * so it cannot collide with the system attributes (AcceptTenderOffer 1, Email 2, Phone 3).
 */
export function questionAnswerAttributeId(questionId: number): number {
  return 100 + questionId;
}
const questionAttributeId = questionAnswerAttributeId;

/** Dates as `YYYY-MM-DD` (also with a time part) or `DD.MM.YYYY`; null when not a real date. */
export function parseDate(text: string): Date | null {
  let year: number, month: number, day: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(text);
  const russian = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (russian) [day, month, year] = [Number(russian[1]), Number(russian[2]), Number(russian[3])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900) return null;
  return date;
}

/** Completed years from `birth` to `today` (UTC calendar days). */
export function fullYearsBetween(birth: Date, today: Date): number {
  let years = today.getUTCFullYear() - birth.getUTCFullYear();
  const birthdayPassed =
    today.getUTCMonth() > birth.getUTCMonth() || (today.getUTCMonth() === birth.getUTCMonth() && today.getUTCDate() >= birth.getUTCDate());
  if (!birthdayPassed) years -= 1;
  return years;
}

function* walk(nodes: QuestionDefinition[]): Generator<QuestionDefinition> {
  for (const node of nodes) {
    yield node;
    if (node.children) yield* walk(node.children);
  }
}
