using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;

namespace MerchantDisputes.Web.Features.Admin;

/// <summary>The stories the demo cases live, and what their merchants write.</summary>
public sealed partial class DemoData
{
    /// <summary>Where a demo case's life stops; together they reach every status and escalation level.</summary>
    private enum Story
    {
        Draft, Submitted, UnderReview, NeedsInfo, Awaiting, Reminded, LegalReview, FinalNotice, PlatformResponded,
        Recommended, AutoResolved, LateAccepted, ContestedClosed, LegalThenAnswered, Unanswered, Rejected, Withdrawn, InfoExpired,
    }

    /// <summary>Each story once first, then drawn by these weights: most cases end, answered, as the published reports show.</summary>
    private static readonly Story[] Stories =
    [
        .. Enum.GetValues<Story>(),
        .. Enumerable.Repeat(Story.Recommended, 14), .. Enumerable.Repeat(Story.AutoResolved, 5),
        .. Enumerable.Repeat(Story.LateAccepted, 6), .. Enumerable.Repeat(Story.ContestedClosed, 6),
        .. Enumerable.Repeat(Story.LegalThenAnswered, 2), .. Enumerable.Repeat(Story.Unanswered, 4),
        .. Enumerable.Repeat(Story.Rejected, 4), .. Enumerable.Repeat(Story.Withdrawn, 2), .. Enumerable.Repeat(Story.Awaiting, 3),
        .. Enumerable.Repeat(Story.Submitted, 2), .. Enumerable.Repeat(Story.LegalReview, 2), .. Enumerable.Repeat(Story.PlatformResponded, 2),
    ];

    private static readonly string[] Surnames = ["卢", "陈", "林", "黄", "张", "王", "李", "刘", "吴", "郑", "周", "许", "何", "谢", "杨"];
    private static readonly string[] GivenNames = ["明", "秀英", "建华", "晓燕", "志强", "丽娟", "海涛", "春梅", "国平", "静"];
    private static readonly string[] Goods = ["服饰批发", "童装工厂店", "箱包", "饰品", "家居百货", "数码配件", "鞋业", "美妆小样", "文具", "茶叶"];

    /// <summary>Provinces as often as sellers on the wholesale platforms come from them (Guangdong and Zhejiang first).</summary>
    private static readonly string[] ProvinceWeights =
    [
        "CN-GD", "CN-GD", "CN-GD", "CN-GD", "CN-GD", "CN-ZJ", "CN-ZJ", "CN-ZJ", "CN-ZJ", "CN-JS", "CN-JS", "CN-FJ", "CN-FJ",
        "CN-SD", "CN-SH", "CN-HE", "CN-HA", "CN-HB", "CN-HN", "CN-SC", "CN-AH", "CN-JX", "CN-BJ", "CN-LN", "CN-GX", "CN-CQ",
    ];

    private static readonly string[] Captions = ["平台判罚页面截图", "物流轨迹截图", "与买家的聊天记录", "结算账户冻结提示", "服务费扣款明细"];

    private static readonly (string Title, string Narrative)[] RefundOnlyTexts =
    [
        ("包裹退回未签收仍被判仅退款", "买家拒收，包裹已原路退回未签收，平台仍判定仅退款，货款被直接扣除。"),
        ("买家签收后申请仅退款获支持", "物流显示买家已本人签收，买家以质量问题为由申请仅退款，未提供任何照片，平台直接支持。"),
        ("批量订单被判仅退款", "同一买家连续三笔订单均申请仅退款，平台全部支持，商家举证未被采纳。"),
    ];

    private static readonly (string Title, string Narrative)[] FrozenFundsTexts =
    [
        ("闭店一个月后货款被冻结 36500 天", "店铺暂停经营一个月后，结算货款被冻结，冻结期限显示为 36500 天，没有申诉入口。"),
        ("保证金被无故冻结", "店铺无违规记录，保证金和可提现余额被冻结，客服只称系统风控。"),
    ];

    private static readonly (string Title, string Narrative)[] ForcedFeeTexts =
    [
        ("协议被静默升级并按单收取服务费", "平台静默升级协议，为未选择的商品打标并按单收取服务费，90 天内无法退出。"),
        ("未经同意开通极速退款服务", "后台自动开通先行赔付类服务，每单扣除服务费，关闭入口被隐藏。"),
    ];

    private static readonly string[] Answers =
    [
        "经复核，已撤销原判定，货款将于 3 个工作日内退回。", "经复核，部分撤销原判定，退回一半款项。", "经复核，维持原判定。",
    ];

    private static DisputeContent Content(Random random, Platform platform, DemoMerchant merchant, DateOnly today)
    {
        var type = (DisputeType)(random.Next(3) + 1);
        var amount = Math.Round((decimal)Math.Exp(3.4 + (random.NextDouble() * 7.6)), 2);
        var (title, narrative) = Pick(random, type switch
        {
            DisputeType.RefundOnly => RefundOnlyTexts,
            DisputeType.FrozenFunds => FrozenFundsTexts,
            _ => ForcedFeeTexts,
        });
        var daysBefore = random.Next(3, 120);
        var input = new DisputeInput
        {
            Platform = platform.Slug,
            Type = type,
            Title = title,
            TitleIsPublic = random.Next(5) < 2,
            Narrative = narrative,
            Amount = amount,
            DesiredOutcome = "撤销判罚并退回款项。",
            RefundOnly = type == DisputeType.RefundOnly ? new RefundOnlyInput
            {
                OrderNumber = string.Create(CultureInfo.InvariantCulture, $"{random.Next(230000, 269999)}-{random.Next(100000, 999999)}"),
                RuledOn = today.AddDays(-daysBefore / 4),
                RefundedAmount = amount,
                LogisticsStatus = (LogisticsStatus)random.Next(1, 7),
            } : null,
            FrozenFunds = type == DisputeType.FrozenFunds ? new FrozenFundsInput
            {
                FrozenAmount = amount,
                FrozenSince = today.AddDays(-daysBefore),
                StatedFreezeDays = Pick(random, [36500, 365, 180, 90]),
                ReasonGiven = "店铺长期未经营",
                StoreId = merchant.StoreId,
            } : null,
            ForcedFee = type == DisputeType.ForcedFee ? new ForcedFeeInput
            {
                ProgrammeName = Pick(random, ["极速退款服务", "先用后付保障", "全站推广计划"]),
                FeeAmount = Math.Round(amount / 20, 2),
                EnrolledOn = today.AddDays(-daysBefore),
                ExitBlockedUntil = today.AddDays(-daysBefore + 90),
                StoreId = merchant.StoreId,
            } : null,
        };
        return DisputeContent.Create(input, platform, today);
    }

    /// <summary>Lives one case through the domain's methods, at moments that move forward from its filing and never pass now.</summary>
    private sealed class Life(Dispute dispute, Actor merchant, Actor mediator, Actor lawyer, Actor agent, CaseWindows windows, Random random, DateTimeOffset start, DateTimeOffset now)
    {
        private readonly DateTimeOffset _latest = now.AddMinutes(-1);
        private DateTimeOffset _at = start;

        public void Live(Story story)
        {
            if (story == Story.Draft)
            {
                return;
            }

            dispute.Submit(merchant, 1, Next(0.1, 3));
            if (story == Story.Withdrawn)
            {
                dispute.Withdraw(merchant, "已与平台协商解决。", Next(2, 30));
                return;
            }

            if (story == Story.Submitted)
            {
                return;
            }

            dispute.Claim(mediator, Next(1, 20));
            if (!Reviewed(story))
            {
                return;
            }

            dispute.Forward(mediator, "证据完整，转平台处理。", windows, Next(2, 30));
            Answered(story);
        }

        /// <summary>The stories that end in the mediator's review; false when the case stops there.</summary>
        private bool Reviewed(Story story)
        {
            switch (story)
            {
                case Story.UnderReview:
                    return false;
                case Story.NeedsInfo:
                    dispute.RequestInfo(mediator, "请补充平台判罚页面的完整截图及物流签收记录。", null, windows, Next(1, 20));
                    return false;
                case Story.InfoExpired:
                    dispute.RequestInfo(mediator, "请补充平台判罚页面的完整截图及物流签收记录。", null, windows, Next(1, 20));
                    dispute.ExpireInfoRequest(dispute.DeadlineAt!.Value);
                    return false;
                case Story.Rejected:
                    dispute.Reject(mediator, "材料不足以证明平台判罚有误。", Next(2, 30));
                    return false;
                default:
                    return true;
            }
        }

        private void Answered(Story story)
        {
            switch (story)
            {
                case Story.Reminded:
                    Lapse(1);
                    break;
                case Story.LegalReview:
                    Lapse(2);
                    break;
                case Story.FinalNotice:
                    Lapse(3);
                    break;
                case Story.Unanswered:
                    Lapse(4);
                    break;
                case Story.PlatformResponded:
                    Answer(PlatformOutcome.PartiallyReversed);
                    break;
                case Story.Recommended:
                    Answer(PlatformOutcome.Reversed);
                    dispute.Accept(merchant, Next(2, 48));
                    dispute.Rate(merchant, random.Next(4, 6), "处理及时。", Next(1, 24));
                    break;
                case Story.AutoResolved:
                    Answer(PlatformOutcome.PartiallyReversed);
                    dispute.AutoResolve(dispute.DeadlineAt!.Value);
                    break;
                case Story.LateAccepted:
                    Lapse(1);
                    Answer(PlatformOutcome.PartiallyReversed);
                    dispute.Accept(merchant, Next(2, 48));
                    dispute.Rate(merchant, 3, "处理偏慢，只退回一部分。", Next(1, 24));
                    break;
                case Story.ContestedClosed:
                    Answer(PlatformOutcome.Upheld);
                    dispute.Contest(merchant, "平台未看物流退回记录。", Next(2, 48));
                    dispute.Close(mediator, "双方无法达成一致，结案。", Next(24, 96));
                    break;
                case Story.LegalThenAnswered:
                    Lapse(2);
                    dispute.Say(lawyer, "LegalOpinion", "平台逾期未答复，建议保全物流凭证并发律师函。", TimelineAudience.MerchantAndStaff, Next(4, 48));
                    Answer(PlatformOutcome.Reversed);
                    dispute.Accept(merchant, Next(2, 48));
                    break;
                default:
                    break;
            }
        }

        /// <summary>The platform lets its deadline pass <paramref name="steps"/> times; each lapse is taken at the deadline itself.</summary>
        private void Lapse(int steps)
        {
            for (var step = 0; step < steps && dispute.RespondBy is { } due && due <= _latest; step++)
            {
                _at = due;
                dispute.Escalate(windows, due);
            }
        }

        private void Answer(PlatformOutcome outcome) =>
            dispute.RespondAsPlatform(agent, outcome, Answers[(int)outcome - 1], windows, Next(4, 100));

        private DateTimeOffset Next(double minHours, double maxHours)
        {
            var next = _at + TimeSpan.FromHours(minHours + (random.NextDouble() * (maxHours - minHours)));
            _at = next <= _latest ? next : _at.AddSeconds(1);
            return _at;
        }
    }
}
