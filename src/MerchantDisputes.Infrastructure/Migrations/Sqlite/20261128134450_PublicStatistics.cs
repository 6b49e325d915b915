using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublicStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disputes_SubmittedPeriod_PlatformId",
                table: "Disputes");

            migrationBuilder.AddColumn<long>(
                name: "TimeToFirstAnswer",
                table: "Disputes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_PlatformId_SubmittedAt",
                table: "Disputes",
                columns: new[] { "PlatformId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Reporting_AnswerTime",
                table: "Disputes",
                columns: new[] { "PlatformId", "TimeToFirstAnswer", "SubmittedPeriod" });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Reporting_Dimensions",
                table: "Disputes",
                columns: new[] { "SubmittedPeriod", "PlatformId", "Type", "Region", "MerchantGender", "Currency", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Reporting_Outcomes",
                table: "Disputes",
                columns: new[] { "SubmittedPeriod", "PlatformId", "ForwardedAt", "TimeToFirstAnswer", "AnsweredBeforeFirstDeadline", "Rating", "Accepted", "MerchantScore" });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_SubmittedAt",
                table: "Disputes",
                column: "SubmittedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disputes_PlatformId_SubmittedAt",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_Reporting_AnswerTime",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_Reporting_Dimensions",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_Reporting_Outcomes",
                table: "Disputes");

            migrationBuilder.DropIndex(
                name: "IX_Disputes_SubmittedAt",
                table: "Disputes");

            migrationBuilder.DropColumn(
                name: "TimeToFirstAnswer",
                table: "Disputes");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_SubmittedPeriod_PlatformId",
                table: "Disputes",
                columns: new[] { "SubmittedPeriod", "PlatformId" });
        }
    }
}
