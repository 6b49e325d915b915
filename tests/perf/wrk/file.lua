-- POST /api/v1/disputes: a merchant files a RefundOnly draft (the JSON the API documents), bearer token from TOKEN.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
local body = [[{"platform":"1688","type":"RefundOnly","title":"包裹退回未签收仍被判仅退款","titleIsPublic":false,
"narrative":"买家拒收，包裹已退回未签收，平台仍判仅退款并从货款中扣除 1340.70 元。","amount":1340.70,"currency":"CNY",
"desiredOutcome":"撤销仅退款判罚，退还被扣货款。","refundOnly":{"orderNumber":"240312-558812","ruledOn":"2024-03-20",
"refundedAmount":1340.70,"logisticsStatus":"ReturnedUndelivered","trackingNumber":"SF1400233111"}}]]
local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json" }
request = function() return wrk.format("POST", "/api/v1/disputes", headers, body) end
