import { describe, expect, it } from 'vitest';
import { asksForFigure, statesFigure } from '../../src/search/figures.ts';

describe('asksForFigure', () => {
  it.each([
    '馆藏一共有多少卷档案?',
    '主题教育什么时候结束',
    '档案馆电话',
    'When does it start?',
    'Good question. When will the campaign end?',
    '哪年发表的',
    '整改要多长时间完成',
    '学习教育搞多久',
    '领导小组有几位副组长',
    '这次一共表彰了几个人',
    '领导班子有几人',
    'What date is the deadline for the fixes?',
    'Which year was the archives founded?',
    '主题教育期间每周集中学习几次',
    '专题党课要讲几回',
    // A deadline, a date or a length of time is asked for too.
    '整改报告的截止日期',
    '整改要在什么期限前完成',
    '专项整治几个月内完成',
    '集中学习搞几天',
    '会议什么时间召开',
    'How long will the campaign last?',
    "What's the deadline for the report?",
    'By when must the list be handed in?',
  ])('is true for "%s"', (query) => expect(asksForFigure(query)).toBe(true));
  it.each([
    '干事创业敢担当要推进哪几个体系建设?',
    '主题教育的总要求是什么',
    '档案安全',
    '哪几位领导要带头',
    'Is it enough to shout slogans when fixing problems?',
    '主题教育有几个目标',
    '哪几个人要带头',
    'What day-to-day work does the office do?',
    'What day to day work does the office do?',
    'What time period does the speech cover?',
    '讲话提到了几个人民群众关心的问题',
    '不能如实填报几个人事项',
    '这次主题教育的目标是什么',
    '哪几次会议提出了要求',
    // 近几年 and 这几天 set the question in time; they do not ask for one.
    '近几年档案工作有哪些变化',
    '这几天大家学习了什么',
    '过去几年省档案馆党建方面存在哪些问题',
    '党员干部几年来在作风上有什么问题',
    '十几年来档案工作有什么进步',
    'How long-term is the goal of the campaign?',
    // "Regularly" answers how often: no figure needed.
    'Who checks on the branches, and how often?',
  ])('is false for "%s"', (query) => expect(asksForFigure(query)).toBe(false));
});

describe('statesFigure', () => {
  it('sees digits and Chinese dates', () => {
    expect(statesFigure('来源:中国档案报(2019年7月18日 总第3400期 第三版)')).toBe(true);
    expect(statesFigure('二〇一九年七月')).toBe(true);
    expect(statesFigure('每月集中学习两次')).toBe(true);
  });
  it('does not take ordinal labels for figures', () => {
    expect(statesFigure('第二,不折不扣落实总要求。一是理论学习有收获。')).toBe(false);
    expect(statesFigure('这次主题教育')).toBe(false);
  });
});
