/**
 * Words that carry no topic in a question about the speech: question words, particles, and
 * words about the speech itself ("讲话里怎么说"). They are dropped from queries before ranking;
 * the speech's own text is indexed in full.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `
的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 哈 么 之 其 而 及 与 和 或 跟 同 把 被 给 对 向 从 在 于 以 为 是 有 也 都 就 还 又 很 更 最 太
这 那 这个 那个 这些 那些 这样 那样 这么 那么 这次 本次 这篇 那篇 一下 一些 一个 一种 哪 哪个 哪些 哪里 哪儿 哪天 哪几个 几 几个 多少
什么 什么样 怎么 怎么样 怎样 如何 为何 为什么 为啥 啥 咋 是否 是不是 有没有 能否 可以 可不可以 应该 需要 要 会 能
请问 请 问 问下 想 想问 知道 告诉 讲讲 说说 介绍 我 我们 你 你们 他 她 它 他们 大家 咱们 人 有人 有些 有的
讲话 文章 这篇文章 篇文章 怎样才能 才能 时候 什么时候 里面 里 中 上 下 提到 提及 说 讲 谈 写 怎么说 怎么讲 说法 描述 内容 原文 哪方面
bot pls please ok hi hello thanks 谢谢 好的 嗯 呃
a an the of to in on at for by with from about as into over under than then so and or but not no nor
is are was were be been being am do does did done have has had will would shall should can could may might must
what which who whom whose where when why how whether if that this these those there here it its they them their
he she his her we us our you your i me my one ones any some all each every such other more most very much many
told tell says say said according speech article text mentioned mention talk talks speaker
`
    .split(/\s+/)
    .filter(Boolean),
);
