import { requirePagePermission } from '../../guards';
import { PreviewClient } from './preview-client';

const SAMPLE = `<h2>一、案件基本情况</h2>
<p>　　本报讯（通讯员 方勇）3月15日上午，渝中区人民法院依法公开开庭审理了一起涉及民间借贷的纠纷案件，并当庭作出判决。庭审中，双方当事人围绕借款事实是否成立、利息约定是否合法等争议焦点充分发表了意见，合议庭依法组织举证、质证。</p>
<p>原告张某诉称，2023年5月，被告李某以<strong>经营资金周转困难</strong>为由，先后三次向其借款共计人民币<em>二十八万元</em>，约定年利率百分之六，借期一年。借款到期后，经多次催讨，被告仅归还部分利息，<u>本金至今未还</u>。</p>
<p>被告李某辩称，双方之间确有资金往来，但部分款项系合伙经营的投资款，并非借款，<s>不应承担还款责任</s>。法院经审理查明，原告提交的借条、银行转账记录及微信聊天记录能够相互印证。</p>
<h3>（一）争议焦点</h3>
<ul><li><p>借贷关系是否成立；</p></li><li><p>约定利率是否超过法定上限；</p><ul><li><p>以合同成立时一年期贷款市场报价利率四倍为限。</p></li></ul></li><li><p>被告已付利息应如何抵扣。</p></li></ul>
<ol><li><p>原告提交借条三份；</p></li><li><p>银行转账凭证五份；</p></li><li><p>证人证言一份。</p></li></ol>
<blockquote><p>法官提醒：民间借贷应当签订书面借款合同，明确借款金额、期限、利率，并尽量通过银行转账方式交付款项，保留好相关凭证。</p></blockquote>
<h3>（二）审理数据</h3>
<table><tbody><tr><th><p>项目</p></th><th><p>金额（元）</p></th><th><p>备注</p></th></tr><tr><td><p>借款本金</p></td><td><p>280,000</p></td><td><p>分三次交付</p></td></tr><tr><td><p>已付利息</p></td><td><p>8,400</p></td><td><p>微信转账</p></td></tr></tbody></table>
<hr>
<p>详情请见<a href="https://www.court.gov.cn/">中国法院网</a>或本站<a href="/columns/news">法院新闻</a>栏目。此案的审理，对于规范民间借贷行为、引导群众依法理财具有积极的示范意义。法院最终判决被告于判决生效之日起十日内归还原告借款本金二十八万元及相应利息。</p>
<p>宣判后，双方当事人均表示服从判决。旁听群众纷纷表示，通过旁听庭审，对民间借贷中的法律风险有了更加直观的认识，今后在借贷时一定会更加谨慎。</p>`;

// Temporary: a place to look at the editor alone.
export default async function EditorPreviewPage() {
  await requirePagePermission('desk:use');
  return <PreviewClient initialHtml={SAMPLE.replace(/\n/g, '')} />;
}
