import { DEFAULT_QUESTIONNAIRE, fullYearsBetween, parseDate, Questionnaire } from './questionnaire';

const today = new Date('2024-05-15T10:00:00Z');
const questionnaire = new Questionnaire(DEFAULT_QUESTIONNAIRE, 18);
const none = new Map<string, string>();

const complete = [
  { groupID: null, id: 1, value: 'Иван', selected: false },
  { groupID: null, id: 2, value: 'Петров', selected: false },
  { groupID: null, id: 7, value: '1990-05-17', selected: false },
  { groupID: 5, id: 1, value: null, selected: true },
];

describe('questionnaire', () => {
  it('shows the default tree with the seed node fields', () => {
    const [header] = questionnaire.view(none, false);
    expect(header).toMatchObject({ nodeType: 'Header', displayName: 'Личные данные', required: null, id: null, selected: null, fieldType: null });
    expect(header.children?.map((node) => [node.logicalName, node.id, node.required])).toEqual([
      ['FirstName', 1, true],
      ['LastName', 2, true],
      ['MiddleName', 3, false],
      ['BirthDate', 7, true],
      ['Sex', 5, true],
    ]);
    expect(header.children?.[1]).toEqual({
      nodeType: 'Question',
      displayName: 'Фамилия',
      description: null,
      logicalName: 'LastName',
      value: null,
      readOnly: false,
      required: true,
      id: 2,
      groupID: null,
      selected: false,
      maxLength: 100,
      fieldType: 'String',
      children: null,
    });
    expect(header.children?.[4].children?.map((option) => [option.id, option.groupID, option.displayName])).toEqual([
      [1, 5, 'Мужской'],
      [2, 5, 'Женский'],
    ]);
  });

  it('leaves optional questions out with onlyRequired', () => {
    const [header] = questionnaire.view(none, true);
    expect(header.children?.map((node) => node.logicalName)).toEqual(['FirstName', 'LastName', 'BirthDate', 'Sex']);
  });

  it('accepts the seed example answers and turns them into attribute changes', () => {
    const { changes, errors } = questionnaire.evaluate(complete, none, today);
    expect(errors).toEqual([]);
    expect(changes).toEqual([
      { key: 'q1', storedValue: 'Иван', eventValue: 'Иван', attributeCode: 'FirstName', attributeId: 101 },
      { key: 'q2', storedValue: 'Петров', eventValue: 'Петров', attributeCode: 'LastName', attributeId: 102 },
      { key: 'q7', storedValue: '1990-05-17', eventValue: '1990-05-17', attributeCode: 'BirthDate', attributeId: 107 },
      { key: 'g5', storedValue: '1', eventValue: 'Male', attributeCode: 'Sex', attributeId: 105 },
    ]);
    const stored = new Map(changes.map((change) => [change.key, change.storedValue]));
    expect(questionnaire.isComplete(stored)).toBe(true);
    const [header] = questionnaire.view(stored, true);
    expect(header.children?.[0].value).toBe('Иван');
    expect(header.children?.[3].children?.map((option) => option.selected)).toEqual([true, false]);
  });

  it('is incomplete while a required question has no answer', () => {
    expect(questionnaire.isComplete(new Map([['q1', 'Иван'], ['q2', 'Петров'], ['q7', '1990-05-17']]))).toBe(false);
  });

  it('refuses a member under 18 with the seed message on question 7, and saves nothing', () => {
    const answers = complete.map((answer) => (answer.id === 7 && answer.groupID === null ? { ...answer, value: '2006-05-16' } : answer));
    expect(questionnaire.evaluate(answers, none, today)).toEqual({
      changes: [],
      errors: [{ idQuestion: '7', errors: ['Не допускается участие в программе лиц младше 18 лет'] }],
    });
    const eighteenToday = complete.map((answer) => (answer.id === 7 && answer.groupID === null ? { ...answer, value: '15.05.2006' } : answer));
    expect(questionnaire.evaluate(eighteenToday, none, today).errors).toEqual([]);
  });

  it('names unknown questions, missing required values, bad dates and unknown options', () => {
    const { errors } = questionnaire.evaluate(
      [
        { groupID: null, id: 99, value: 'x', selected: false },
        { groupID: null, id: 2, value: '  ', selected: false },
        { groupID: null, id: 7, value: '1990-02-30', selected: false },
        { groupID: 5, id: 3, value: null, selected: true },
      ],
      none,
      today,
    );
    expect(errors).toEqual([
      { idQuestion: '99', errors: ['Вопрос не найден.'] },
      { idQuestion: '2', errors: ['Требуется ответ на вопрос.'] },
      { idQuestion: '7', errors: ['Некорректная дата.'] },
      { idQuestion: '5', errors: ['Такого варианта ответа нет.'] },
    ]);
  });

  it('publishes only answers that change something', () => {
    const current = new Map([['q1', 'Иван'], ['g5', '1']]);
    const { changes } = questionnaire.evaluate(complete, current, today);
    expect(changes.map((change) => change.key)).toEqual(['q2', 'q7']);
    expect(questionnaire.eventValueOf('g5', '2')).toBe('Female');
  });

  it('reads a configured tree and refuses an unusable one', () => {
    const custom = Questionnaire.parse(JSON.stringify([{ nodeType: 'Question', displayName: 'Город', logicalName: 'City', id: 11, required: true, fieldType: 'String' }]), 18);
    expect(custom.view(none, true)[0]).toMatchObject({ logicalName: 'City', id: 11 });
    expect(() => Questionnaire.parse('[]', 18)).toThrow('non-empty');
    expect(() => Questionnaire.parse(JSON.stringify([{ nodeType: 'Question', displayName: 'X', id: 1 }]), 18)).toThrow('fieldType');
  });
});

describe('dates and ages', () => {
  it('parses ISO and Russian dates and rejects impossible ones', () => {
    expect(parseDate('1990-05-17')?.toISOString()).toBe('1990-05-17T00:00:00.000Z');
    expect(parseDate('17.05.1990')?.toISOString()).toBe('1990-05-17T00:00:00.000Z');
    expect(parseDate('1990-13-01')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });

  it('counts completed years', () => {
    expect(fullYearsBetween(new Date('2006-05-15'), today)).toBe(18);
    expect(fullYearsBetween(new Date('2006-05-16'), today)).toBe(17);
    expect(fullYearsBetween(new Date('2000-02-29'), new Date('2018-02-28'))).toBe(17);
  });
});
